-- AlterTable
ALTER TABLE "api_tokens" ADD COLUMN     "user_id" TEXT;

