/**
 * Summary templates: the plain-language sentence a tenant's policy writes per tool for the
 * approvers of a held call, checked when the bundle is imported.
 */
package io.countersign.tenant.summary;
