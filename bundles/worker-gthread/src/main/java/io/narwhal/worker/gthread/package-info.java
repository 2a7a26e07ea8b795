/**
 * The gthread worker type, Gunicorn's: a pool of {@code threads} threads serves requests; connections waiting for
 * a request (new, or kept alive between requests) wait on one selector, not on a thread. Provides worker_class
 * "gthread".
 */
@org.osgi.annotation.bundle.Capability(namespace = "narwhal.worker.class", name = "gthread")
package io.narwhal.worker.gthread;
