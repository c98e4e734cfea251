// Starts Swagger UI on /api/docs; a file rather than an inline script so the page needs no inline code.
window.ui = window.SwaggerUIBundle({
  url: '/api/docs-json',
  dom_id: '#swagger-ui',
  presets: [window.SwaggerUIBundle.presets.apis, window.SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
  withCredentials: true,
});
