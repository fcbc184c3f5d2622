/** The web application: JAX-RS wiring, endpoints, start-up and health. */
package io.countersign.web;
