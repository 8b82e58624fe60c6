/**
 * Definitions, validation and resolution of the topic-level settings Tributary implements.
 */
package io.tributary.broker.config;
