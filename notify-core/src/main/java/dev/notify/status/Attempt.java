package dev.notify.status;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One try at sending a delivery.
 *
 * @param number 1 for the first attempt; counts restart at 1 after a replay
 * @param at when the channel answered
 * @param outcome how the answer was classified
 * @param error the provider's error or reason, or {@code null} when sent
 * @param providerMessageId the provider's id for the message when sent, or {@code null}
 */
public record Attempt(int number, Instant at, Outcome outcome, @Nullable String error,
    @Nullable String providerMessageId) {
}
