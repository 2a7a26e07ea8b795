/** The sync worker type: one request at a time per process, as Gunicorn's. Provides worker_class "sync". */
@org.osgi.annotation.bundle.Capability(namespace = "narwhal.worker.class", name = "sync")
package io.narwhal.worker.sync;
