/**
 * The one protocol between the master and its workers, over the control channel: typed messages, one per
 * line, each encoded and parsed here only. The system bundle exports it to the supervisor and the workers.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package io.narwhal.control;
