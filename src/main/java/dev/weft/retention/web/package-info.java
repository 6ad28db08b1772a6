/** Admin endpoints: an app's retention, and deleting an app with all its data. */
package dev.weft.retention.web;
