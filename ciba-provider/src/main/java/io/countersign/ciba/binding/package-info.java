/**
 * What lets an approver tie a request on their phone to what they see elsewhere: the CIBA {@code
 * binding_message} and short binding codes such as {@code CS-4F2K}.
 */
package io.countersign.ciba.binding;
