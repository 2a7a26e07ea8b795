/** The codec service: bytes on a connection to requests, responses back to bytes. One service per protocol. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package io.narwhal.api.codec;
