package dev.notify.inmemory;

/**
 * What a provider receipt names its delivery by: the channel that sent it and the id the
 * provider returned. Two channels may be given the same id by their providers.
 *
 * @param channel the channel's name
 * @param providerMessageId the provider's id for the message
 */
record ProviderKey(String channel, String providerMessageId) {
}
