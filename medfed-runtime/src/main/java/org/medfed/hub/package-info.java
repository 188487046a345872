/**
 * The hub: a gRPC server that site agents dial out to (one long-lived stream each) and analysts
 * call. It runs each job's method hub half against aggregates of the sites' released values, in
 * the job's fixed site order, and keeps jobs and results in its store. It never sees rows, and it
 * never knows which method it is running.
 */
package org.medfed.hub;
