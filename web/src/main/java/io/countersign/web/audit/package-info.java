/** The signed audit log in the server: its checkpoint schedule and its REST API. */
package io.countersign.web.audit;
