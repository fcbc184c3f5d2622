/** Which outbound URLs and addresses the gateway may reach: the defence against SSRF. */
package io.countersign.tenant.outbound;
