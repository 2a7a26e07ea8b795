/** The worker-type service: a concurrency model that accepts connections and serves them through a codec. */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package io.narwhal.api.worker;
