/**
 * A durable {@link dev.notify.spi.log.NotificationLog} on JDBC: {@link
 * dev.notify.jdbc.JdbcNotificationLog}, for an embedded H2 file database or a PostgreSQL server
 * shared by several instances.
 */
@NullMarked
package dev.notify.jdbc;

import org.jspecify.annotations.NullMarked;
