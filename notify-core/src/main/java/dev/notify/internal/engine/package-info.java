/**
 * The delivery engine. Not API. {@link Engine} is the client behind the builder:
 * a facade over the parts that {@code Assembly} wires once from the checked {@link EngineConfig}
 * (made from the builder's {@link Settings}): {@code Acceptor} and {@code Planner} check, plan and
 * store each send; {@code Memory} and {@code Intake} bound and queue what is held in memory;
 * {@code Dispatcher}, with {@code Policies} and {@code Resolver}, decides each delivery as it goes
 * out; one {@code Lane} per channel sends it, behind its {@code Circuit}; the {@code Claimer} takes
 * due and orphaned work back from the log; and every delivery ends in {@code Outcomes}.
 * {@link ChannelDiscovery} creates channels from properties.
 */
@NullMarked
package dev.notify.internal.engine;

import org.jspecify.annotations.NullMarked;
