/**
 * The Casefile HTTP server (Javalin): the OTLP/HTTP receiver, the JSON API (changes, services,
 * flows, health), bearer-token auth with roles, and {@link io.casefile.server.CasefileServer} to start
 * and stop the whole server in-process.
 */
package io.casefile.server;
