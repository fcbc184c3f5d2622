/**
 * The provider's services behind its HTTP endpoints: client authentication, the backchannel
 * authentication endpoint, the token endpoint, the approvers' decisions and the issuer's keys. Each
 * service method is one transaction that stores the aggregate and appends its audit entries
 * together; what a client or approver did wrong comes back as a value naming the spec's error.
 */
package io.countersign.ciba.provider;
