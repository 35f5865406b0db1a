/**
 * Users' preferences applied at dispatch. Not API. {@link PolicyEvaluator}
 * reads a user's preferences and applies the rules of {@link dev.notify.policy.PreferencePolicy},
 * answering with a {@link PolicyDecision}: send, suppress for a {@link SuppressReason}, or defer to
 * the end of quiet hours.
 */
@NullMarked
package dev.notify.internal.preference;

import org.jspecify.annotations.NullMarked;
