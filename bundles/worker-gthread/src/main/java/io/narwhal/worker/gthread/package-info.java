/**
 * The gthread worker type, Gunicorn's: {@code threads} threads serve requests; connections waiting for a request
 * (new, or kept alive between requests) wait on one selector, not on a thread, and the threads take turns waiting on
 * it. Provides worker_class "gthread".
 */
@org.osgi.annotation.bundle.Capability(namespace = "narwhal.worker.class", name = "gthread")
package io.narwhal.worker.gthread;
