/**
 * `@qingdan/web`: the preview web app. `startServer()` serves the form, the live A4 preview and
 * the DOCX / PDF downloads on 127.0.0.1; `qingdan preview` and `npm run preview` call it.
 */
export { startServer, type ServerOptions, type RunningServer } from './server.js';
export { defaultServices, type Services, type Roster } from './services.js';
export { contentDisposition, SECURITY_HEADERS } from './http.js';
