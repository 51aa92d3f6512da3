/**
 * The error signature: values of error.type, exception.type, status codes or log templates among
 * the affected requests that are new since onset or clearly increased against the baseline.
 */
package io.casefile.analysis.signature;
