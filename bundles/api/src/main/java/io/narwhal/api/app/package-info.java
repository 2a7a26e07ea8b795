/**
 * The application contract, in the spirit of WSGI: an app bundle registers an {@link io.narwhal.api.app.HttpApp}
 * service with its context path; a blocking handler turns each request into a response.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.4.0")
package io.narwhal.api.app;
