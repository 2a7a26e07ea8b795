/** The virtual worker type: a virtual thread per keep-alive connection. Provides worker_class "virtual". */
@org.osgi.annotation.bundle.Capability(namespace = "narwhal.worker.class", name = "virtual")
package io.narwhal.worker.virtual;
