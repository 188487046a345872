package org.medfed.secagg;

/** A message the hub must deliver to one site; the hub's side says what to send to whom. */
public record Delivery<M>(String to, M message) {
}
