/** Demo mode: the demo tenant, its upstream, agent and approvers, for trying Countersign out. */
package io.countersign.web.demo;
