/** The sandbox folder that read_file may read from, and nothing outside it. */
package io.countersign.demo.sandbox;
