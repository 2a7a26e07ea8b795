/**
 * What the launchers and the bundles they boot agree on: the framework properties the master's launcher
 * hands the supervisor, and how a bundle ends its process with an exit status. The system bundle exports it.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.2.0")
package io.narwhal.launch;
