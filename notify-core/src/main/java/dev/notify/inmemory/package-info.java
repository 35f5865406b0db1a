/**
 * The stores notify ships that keep everything in memory, for tests, demos and single
 * instances: the default {@link InMemoryNotificationLog}, the {@link InMemoryRecipientDirectory},
 * the {@link InMemoryPreferenceStore} and the {@link InMemoryTemplateStore}, which also loads
 * templates from YAML files. Their internals are package-private here: the log's state and indexes
 * ({@code LogStore}, {@code ClaimQueue}, {@code StoredNotification}, {@code StoredDelivery},
 * {@code SeqKey}, {@code MemberTally}) and the YAML reader ({@code YamlTemplateLoader}).
 */
@NullMarked
package dev.notify.inmemory;

import org.jspecify.annotations.NullMarked;
