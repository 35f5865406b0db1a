/**
 * The JDBC log's internals: transactions and time, migrations, appends, claims, transitions,
 * receipts, reads, purges and the group committer. Not API.
 */
@NullMarked
package dev.notify.jdbc.internal;

import org.jspecify.annotations.NullMarked;
