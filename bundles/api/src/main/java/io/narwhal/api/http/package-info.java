/** The HTTP message model shared by apps, codecs and worker types. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package io.narwhal.api.http;
