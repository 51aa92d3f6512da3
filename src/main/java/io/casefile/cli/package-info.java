/** The {@code casefile} command line (picocli): thin commands over the same services the server uses. */
package io.casefile.cli;
