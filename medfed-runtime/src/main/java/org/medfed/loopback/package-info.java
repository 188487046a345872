/**
 * A whole consortium on 127.0.0.1 in one JVM — a fresh PKI, a hub, site agents and an analyst
 * client, talking real gRPC over mutual-TLS sockets. The demo and the end-to-end tests use it;
 * nothing here is a shortcut: every message crosses a socket and every release passes a gate.
 */
package org.medfed.loopback;
