/**
 * Reading the hub's and sites' YAML configuration files: one small reader that knows the file's
 * folder (relative paths resolve against it), rejects unknown keys (a typo must not silently
 * fall back to a default), and names the file and key in every error.
 */
package org.medfed.config;
