export { usersService, type CreateUserInput, type PatchUserInput, type UserWithPassword } from './users.service.ts';
export { usersRoutes } from './users.routes.ts';
export { ensureFirstAdmin, FIRST_ADMIN_USERNAME } from './first-admin.ts';
export type { UserDto } from './users.schema.ts';
