/** Orders: the read-only listing and the destructive bulk delete. */
package io.countersign.demo.order;
