export { OpenAPIService } from './service.ts';
export type { OpenAPIOptions, OpenAPIRequest, OpenAPIResponse } from './service.ts';
export { buildSwagger } from './v2.ts';
export type { SwaggerDocument } from './v2.ts';
export { buildV3Document, toV3Schema } from './v3.ts';
export { encodeSwaggerProto, openAPIv2DocumentType, OPENAPI_V2_PROTO } from './proto.ts';
export { groupVersionId, pathsOf } from './paths.ts';
