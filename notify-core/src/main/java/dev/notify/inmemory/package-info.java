/**
 * The stores notify ships that keep everything in memory, for tests, demos and single
 * instances: the default {@link InMemoryNotificationLog}, the {@link InMemoryRecipientDirectory},
 * the {@link InMemoryPreferenceStore} and the {@link InMemoryTemplateStore}, which also loads
 * templates from YAML files. Their internals are package-private here: the log's state
 * ({@code LogStore}, {@code StoredNotification}, {@code StoredDelivery}), its claims
 * ({@code ClaimIndex}, {@code ClaimQueue}, {@code InstanceLeases}), its other indexes
 * ({@code RecipientHistory}, {@code DeadLetterIndex}, {@code FinishedIndex}, {@code MemberTally},
 * {@code ReceiptBook} with {@code KeptReceipts}), the {@code Tombstones} of evicted
 * notifications, helpers ({@code AppendPlan}, {@code Records}, {@code SeqKey},
 * {@code ProviderKey}), and the YAML reader ({@code YamlTemplateLoader}).
 */
@NullMarked
package dev.notify.inmemory;

import org.jspecify.annotations.NullMarked;
