package dev.notify.internal.engine;

import dev.notify.ChannelType;
import dev.notify.Notification;
import dev.notify.internal.preference.PolicyDecision;
import dev.notify.internal.preference.PolicyEvaluator;
import dev.notify.internal.ratelimit.RateLimitDecision;
import dev.notify.internal.preference.SuppressReason;
import dev.notify.internal.ratelimit.RecipientRateLimiter;
import dev.notify.internal.template.TemplateRenderer;
import dev.notify.policy.OverLimitAction;
import dev.notify.recipient.UserProfile;
import dev.notify.spi.store.RecipientDirectory;
import dev.notify.template.TemplateException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What dispatch decides for one real delivery before it reaches its lane, with the settings in
 * force at that moment: the user's preferences and quiet hours, the template rendered for the
 * channel and the user's locale, and the per-recipient rate limit (first attempt only: a retry is
 * the same message, not a new one). Each part is optional; a client without them proceeds.
 */
final class Policies {
  private final @Nullable RecipientDirectory directory;
  private final @Nullable PolicyEvaluator preferences;
  private final @Nullable TemplateRenderer templates;
  private final @Nullable RecipientRateLimiter rateLimits;
  private final Clock clock;

  /** The verdict. */
  sealed interface Verdict {
  }

  /** Send it. */
  record Proceed() implements Verdict {
  }

  /** Do not send it, ever: SUPPRESSED with the reason. */
  record Suppress(String reason) implements Verdict {
  }

  /** Not now: SCHEDULED again at {@code until}. */
  record Defer(Instant until, String reason) implements Verdict {
  }

  /** It cannot be sent: FAILED with the reason (a template that does not render, say). */
  record Fail(String reason) implements Verdict {
  }

  private static final Proceed PROCEED = new Proceed();

  Policies(@Nullable RecipientDirectory directory, @Nullable PolicyEvaluator preferences,
      @Nullable TemplateRenderer templates, @Nullable RecipientRateLimiter rateLimits,
      Clock clock) {
    this.directory = directory;
    this.preferences = preferences;
    this.templates = templates;
    this.rateLimits = rateLimits;
    this.clock = clock;
  }

  /**
   * {@return the status reason: the code first (what to match on), then what it is about, e.g.
   * {@code opted-out-category (category 'marketing')}}
   */
  private static String suppressed(SuppressReason reason, ChannelType type,
      @Nullable String category) {
    String about;
    switch (reason) {
      case OPTED_OUT_ALL:
        about = "everything";
        break;
      case OPTED_OUT_AT_PROVIDER:
        about = type + ", reported by the provider";
        break;
      case OPTED_OUT_CHANNEL:
        about = type.toString();
        break;
      case OPTED_OUT_CATEGORY:
        about = "category '" + category + "'";
        break;
      default:
        about = type + ", category '" + category + "'";
    }
    return reason.code() + " (" + about + ")";
  }

  /** @return true if {@link #check} proceeds without looking anything up (no policy applies) */
  boolean proceedsAtOnce(WorkItem item) {
    return preferences == null && rateLimits == null && item.notification().template().isEmpty();
  }

  Verdict check(WorkItem item, ChannelType type) {
    Notification n = item.notification();
    if (proceedsAtOnce(item)) {
      return PROCEED; // the common case without policies: nothing to look up on the hot path
    }
    String category = n.category().orElse(null);
    Instant now = clock.instant();
    Optional<UserProfile> profile = item.userId() != null && directory != null
        ? directory.findUser(item.userId()) : Optional.empty();

    if (preferences != null && item.userId() != null) {
      PolicyDecision d = preferences.evaluate(item.userId(), type, category, n.priority(),
          profile.flatMap(UserProfile::zone).orElse(null), now);
      if (d instanceof PolicyDecision.Suppress s) {
        return new Suppress(suppressed(s.reason(), type, category));
      }
      if (d instanceof PolicyDecision.Defer defer) {
        return new Defer(defer.until(), "quiet hours (until " + defer.until() + ")");
      }
    }
    if (n.template().isPresent()) {
      if (templates == null) {
        // Accepted by another instance sharing the log: this one cannot render it, ever.
        return new Fail("template '" + n.template().get().id() + "' cannot be rendered: this"
            + " client has no template store (configure templates(...) on every instance that"
            + " shares the log)");
      }
      try {
        item.render(templates.render(n.template().get(), type,
            profile.flatMap(UserProfile::locale).orElse(null)));
      } catch (TemplateException e) {
        return new Fail(e.getMessage());
      }
    }
    if (rateLimits != null && item.attemptCount() == 0) {
      String subject = item.userId() != null ? "user:" + item.userId() : item.address().key();
      RateLimitDecision r = rateLimits.check(subject, type, category);
      if (r instanceof RateLimitDecision.Denied) {
        RateLimitDecision.Denied denied = (RateLimitDecision.Denied) r;
        String reason = RateLimitDecision.REASON + rateLimits.ruleFor(type, category)
            .map(rule -> " (" + rule + ")").orElse("");
        return denied.action() == OverLimitAction.DROP ? new Suppress(reason)
            : new Defer(denied.retryAt(), reason);
      }
    }
    return PROCEED;
  }
}
