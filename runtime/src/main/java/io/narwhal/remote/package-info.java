/**
 * The shell's wire between {@code narwhal-shell} and a running master: typed frames over a Unix domain socket in
 * the master's private runtime directory, and how a client finds that socket. The system bundle exports it to the
 * shell bundle, the master's end.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.narwhal.remote;
