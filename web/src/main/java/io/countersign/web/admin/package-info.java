/**
 * The platform operator's REST API for tenants: bundle import and agent keys, under {@code
 * /api/v1}.
 */
package io.countersign.web.admin;
