/**
 * The Quickstart demo: {@link dev.notify.examples.Quickstart} runs the SDK's whole job on
 * embedded local providers (the testkit's APNs peer and a local web-hook receiver), prints what
 * happened and checks every outcome. Run it with {@code mvn -B -q -DskipTests -Pdemo verify}.
 */
@NullMarked
package dev.notify.examples;

import org.jspecify.annotations.NullMarked;
