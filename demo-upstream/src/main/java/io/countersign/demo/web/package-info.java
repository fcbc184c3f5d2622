/**
 * Servlet wiring: start-up, the demo-mode switch, loopback/bearer access and JSON-RPC request
 * checks.
 */
package io.countersign.demo.web;
