/** What every demo tool shares: its MCP definition, argument checking and outcome. */
package io.countersign.demo.tool;
