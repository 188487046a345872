/**
 * The wire between hub, site agents and analysts: the protobuf messages' conversion to and from
 * the method contract's values ({@code WireFormat}), payloads and masked inputs split into parts
 * that stay under gRPC's message limit and reassembled exactly ({@code PayloadParts},
 * {@code PayloadAssembler}, {@code MaskedInputAssembler}), the secure-aggregation records'
 * encodings ({@code SecAggWire}), and mutual TLS with identity checks. Malformed input from a peer
 * is a {@code ProtocolException}; nothing here knows a method or looks at values.
 */
package org.medfed.transport;
