/**
 * The running server as its master sees it: what an operator inspects and commands, from the shell (and, later,
 * metrics and health). Implemented by the master; its users only call it.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.narwhal.api.server;
