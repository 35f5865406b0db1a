package dev.notify.email.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/** A message whose Message-ID is ours (from the delivery id), not one Angus makes up. */
final class IdentifiedMessage extends MimeMessage {
  private final String messageId;

  IdentifiedMessage(Session session, String messageId) {
    super(session);
    this.messageId = messageId;
  }

  @Override
  protected void updateMessageID() throws MessagingException {
    setHeader("Message-ID", messageId);
  }
}
