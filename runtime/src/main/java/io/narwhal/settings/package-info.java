/**
 * Narwhal's server settings, named as Gunicorn's, and the rules that read them from a .cfg file, Config
 * Admin or the command line. The launcher and the supervisor bundle share these rules: the system bundle
 * exports this package.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("2.2.0")
package io.narwhal.settings;
