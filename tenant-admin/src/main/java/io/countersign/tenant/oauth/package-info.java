/**
 * OAuth clients of a tenant's issuer: what a client may do (grants, delivery mode), how it
 * authenticates, and the rules a registration must satisfy, whether it comes from a tenant bundle
 * or the REST API.
 */
package io.countersign.tenant.oauth;
