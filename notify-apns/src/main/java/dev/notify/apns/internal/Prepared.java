package dev.notify.apns.internal;

/** What {@link ApnsRequestFactory#prepare} makes of a message: a request, or the rule it breaks. */
public sealed interface Prepared permits ApnsRequest, Violation {
}
