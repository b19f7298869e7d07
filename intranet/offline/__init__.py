"""The installable app and its service worker (issue #22): the web app manifest, /sw.js, the offline page."""
