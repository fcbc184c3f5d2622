/** Per-environment configuration keys that the update_config tool overwrites. */
package io.countersign.demo.config;
